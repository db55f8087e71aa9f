import { runRuleTests } from "../helpers/rule-tester";
import { cases } from "./baseline-pair.cases";

runRuleTests("baseline-pair", cases);
