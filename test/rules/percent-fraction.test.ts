import { runRuleTests } from "../helpers/rule-tester";
import { cases } from "./percent-fraction.cases";

runRuleTests("percent-fraction", cases);
