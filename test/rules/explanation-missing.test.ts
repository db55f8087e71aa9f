import { runRuleTests } from "../helpers/rule-tester";
import { cases } from "../../src/fixtures/rule-cases/explanation-missing";

runRuleTests("explanation-missing", cases);
