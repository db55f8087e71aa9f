import { runRuleTests } from "../helpers/rule-tester";
import { cases } from "../../src/fixtures/rule-cases/baseline-pair";

runRuleTests("baseline-pair", cases);
