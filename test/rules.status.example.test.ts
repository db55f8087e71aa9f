import { runRuleTests } from "./helpers/rule-tester";

// Block ① starts at row 15: its 2024 values sit on row 18 (E target, F actual, G status).
runRuleTests("status", {
  valid: [
    { name: "achieved above target", report: { sections: [{ number: 1, blocks: [{}] }] } },
    {
      name: "a reduction target of -5 is beaten by -10",
      report: { sections: [{ number: 1, blocks: [{ unit: "%", years: [[-5, -10, "達成"], [-25, null, null], [-50, null, null]] }] }] },
    },
  ],
  invalid: [
    {
      name: "status contradicts a reduction KPI",
      report: { sections: [{ number: 1, blocks: [{ unit: "%", years: [[-5, -10, "未達成"], [-25, null, null], [-50, null, null]] }] }] },
      errors: [{ cell: "G18", messageId: "wrong", messageIncludes: ["目標値 -5 に対し実績値 -10（減少が良い指標）→ 達成"] }],
      output: { G18: "達成" },
    },
  ],
});
