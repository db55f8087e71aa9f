import { runRuleTests } from "../helpers/rule-tester";
import { cases } from "../../src/fixtures/rule-cases/amount-not-number";

runRuleTests("amount-not-number", cases);
