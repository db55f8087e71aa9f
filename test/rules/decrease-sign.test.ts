import { runRuleTests } from "../helpers/rule-tester";
import { cases } from "../../src/fixtures/rule-cases/decrease-sign";

runRuleTests("decrease-sign", cases);
