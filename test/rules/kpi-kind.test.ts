import { runRuleTests } from "../helpers/rule-tester";
import { cases } from "./kpi-kind.cases";

runRuleTests("kpi-kind", cases);
