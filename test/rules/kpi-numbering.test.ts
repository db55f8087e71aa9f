import { runRuleTests } from "../helpers/rule-tester";
import { cases } from "./kpi-numbering.cases";

runRuleTests("kpi-numbering", cases);
