import { runRuleTests } from "../helpers/rule-tester";
import { cases } from "../../src/fixtures/rule-cases/percent-fraction";

runRuleTests("percent-fraction", cases);
