import { runRuleTests } from "../helpers/rule-tester";
import { cases } from "./minus-sign.cases";

runRuleTests("minus-sign", cases);
