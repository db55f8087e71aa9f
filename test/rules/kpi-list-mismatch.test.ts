import { runRuleTests } from "../helpers/rule-tester";
import { cases } from "../../src/fixtures/rule-cases/kpi-list-mismatch";

runRuleTests("kpi-list-mismatch", cases);
