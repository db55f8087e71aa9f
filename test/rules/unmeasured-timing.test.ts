import { runRuleTests } from "../helpers/rule-tester";
import { cases } from "./unmeasured-timing.cases";

runRuleTests("unmeasured-timing", cases);
