import { runRuleTests } from "../helpers/rule-tester";
import { cases } from "../../src/fixtures/rule-cases/kpi-required";

runRuleTests("kpi-required", cases);
