import { runRuleTests } from "../helpers/rule-tester";
import { cases } from "../../src/fixtures/rule-cases/project-name-mismatch";

runRuleTests("project-name-mismatch", cases);
