import { runRuleTests } from "../helpers/rule-tester";
import { cases } from "./decrease-sign.cases";

runRuleTests("decrease-sign", cases);
