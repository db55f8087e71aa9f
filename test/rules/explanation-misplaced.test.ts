import { runRuleTests } from "../helpers/rule-tester";
import { cases } from "./explanation-misplaced.cases";

runRuleTests("explanation-misplaced", cases);
