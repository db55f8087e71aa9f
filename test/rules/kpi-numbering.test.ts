import { runRuleTests } from "../helpers/rule-tester";
import { cases } from "../../src/fixtures/rule-cases/kpi-numbering";

runRuleTests("kpi-numbering", cases);
