import { runRuleTests } from "../helpers/rule-tester";
import { cases } from "./project-name-mismatch.cases";

runRuleTests("project-name-mismatch", cases);
