import { runRuleTests } from "../helpers/rule-tester";
import { cases } from "./layout-label-missing.cases";

runRuleTests("layout-label-missing", cases);
