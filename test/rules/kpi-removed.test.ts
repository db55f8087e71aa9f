import { runRuleTests } from "../helpers/rule-tester";
import { cases } from "../../src/fixtures/rule-cases/kpi-removed";

runRuleTests("kpi-removed", cases);
