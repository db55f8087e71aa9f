import { runRuleTests } from "../helpers/rule-tester";
import { cases } from "../../src/fixtures/rule-cases/explanation-misplaced";

runRuleTests("explanation-misplaced", cases);
