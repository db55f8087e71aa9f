import { runRuleTests } from "../helpers/rule-tester";
import { cases } from "../../src/fixtures/rule-cases/layout-label-missing";

runRuleTests("layout-label-missing", cases);
