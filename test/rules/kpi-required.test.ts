import { runRuleTests } from "../helpers/rule-tester";
import { cases } from "./kpi-required.cases";

runRuleTests("kpi-required", cases);
