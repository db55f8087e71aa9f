import { runRuleTests } from "../helpers/rule-tester";
import { cases } from "./explanation-missing.cases";

runRuleTests("explanation-missing", cases);
