import { runRuleTests } from "../helpers/rule-tester";
import { cases } from "./kpi-list-mismatch.cases";

runRuleTests("kpi-list-mismatch", cases);
