import { runRuleTests } from "../helpers/rule-tester";
import { cases } from "../../src/fixtures/rule-cases/section-missing";

runRuleTests("section-missing", cases);
