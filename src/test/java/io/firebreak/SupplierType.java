package io.firebreak;

/**
 * The redesign "a new incident type with its own plan", as a process owner makes it in Modeler: a
 * {@code supplier} row (alias {@code vendor}) in {@code incident-types.dmn} and its SEV2 row, first
 * in {@code response-plan.dmn}, with status updates every {@code updateMinutes}.
 */
public final class SupplierType {

  private SupplierType() {}

  /** The shipped incident-types table with the supplier row added. */
  public static String inTypes(String shippedTypes) {
    String types = shippedTypes.replace("    </decisionTable>", """
              <rule id="Rule_Supplier">
                <description>A supplier we depend on fails</description>
                <outputEntry id="OutputEntry_Supplier_Type"><text>"supplier"</text></outputEntry>
                <outputEntry id="OutputEntry_Supplier_Label"><text>"Supplier failure"</text></outputEntry>
                <outputEntry id="OutputEntry_Supplier_Aliases"><text>"vendor"</text></outputEntry>
                <outputEntry id="OutputEntry_Supplier_Default"><text>false</text></outputEntry>
              </rule>
            </decisionTable>""");
    if (types.equals(shippedTypes)) {
      throw new IllegalStateException("incident-types.dmn has no </decisionTable> to add the supplier row before");
    }
    return types;
  }

  /** The shipped response plan with a SEV2 supplier row first (before Rule_Sev1Security). */
  public static String inPlan(String shippedPlan, int updateMinutes, boolean confidential) {
    String plan = shippedPlan.replaceFirst("(<rule id=\"Rule_Sev1Security\">)",
        planRow("Sev2Supplier", "SEV2", "supplier", updateMinutes, confidential) + "$1");
    if (plan.equals(shippedPlan)) {
      throw new IllegalStateException("response-plan.dmn has no Rule_Sev1Security to put the supplier row before");
    }
    return plan;
  }

  /**
   * One response-plan row, cells in the table's column order: severity, type, inside working hours
   * (any), in maintenance (any); full response, update interval, ack timeout 10, leadership escalation 120, postmortem,
   * status page no, private channel no, regulator 0 h, escalation chain, confidential, broadcast,
   * defer paging no, public status page yes, first statement within 15 minutes.
   */
  public static String planRow(String id, String severity, String type, int updateMinutes, boolean confidential) {
    String[] outputs = {"true", String.valueOf(updateMinutes), "10", "120", "true", "false", "false", "0",
        "\"on-call,incident-commanders\"", String.valueOf(confidential), "true", "false",
        "true", "15"};
    StringBuilder row = new StringBuilder("<rule id=\"Rule_" + id + "\">\n"
        + "        <inputEntry id=\"InputEntry_" + id + "_0\"><text>\"" + severity + "\"</text></inputEntry>\n"
        + "        <inputEntry id=\"InputEntry_" + id + "_1\"><text>\"" + type + "\"</text></inputEntry>\n"
        + "        <inputEntry id=\"InputEntry_" + id + "_2\"><text></text></inputEntry>\n"
        + "        <inputEntry id=\"InputEntry_" + id + "_3\"><text></text></inputEntry>\n");
    for (int i = 0; i < outputs.length; i++) {
      row.append("        <outputEntry id=\"OutputEntry_" + id + "_" + i + "\"><text>" + outputs[i] + "</text></outputEntry>\n");
    }
    return row.append("      </rule>\n      ").toString();
  }
}
