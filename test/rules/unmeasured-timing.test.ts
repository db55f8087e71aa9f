import { runRuleTests } from "../helpers/rule-tester";
import { cases } from "../../src/fixtures/rule-cases/unmeasured-timing";

runRuleTests("unmeasured-timing", cases);
