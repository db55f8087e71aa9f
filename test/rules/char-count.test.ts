import { runRuleTests } from "../helpers/rule-tester";
import { cases } from "./char-count.cases";

runRuleTests("char-count", cases);
