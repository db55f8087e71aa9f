import { runRuleTests } from "../helpers/rule-tester";
import { cases } from "../../src/fixtures/rule-cases/kpi-kind";

runRuleTests("kpi-kind", cases);
