import { runRuleTests } from "../helpers/rule-tester";
import { cases } from "./number-format.cases";

runRuleTests("number-format", cases);
