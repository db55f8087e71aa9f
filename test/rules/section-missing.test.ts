import { runRuleTests } from "../helpers/rule-tester";
import { cases } from "./section-missing.cases";

runRuleTests("section-missing", cases);
