import { runRuleTests } from "../helpers/rule-tester";
import { cases } from "../../src/fixtures/rule-cases/kpi-added";

runRuleTests("kpi-added", cases);
