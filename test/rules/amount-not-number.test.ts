import { runRuleTests } from "../helpers/rule-tester";
import { cases } from "./amount-not-number.cases";

runRuleTests("amount-not-number", cases);
