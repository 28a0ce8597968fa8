package org.locationvisits.config;

/** The groups of the connectors' config docs (and the README's tables), each setting's {@link Setting} row names one. */
final class SettingGroup {
    static final String API = "ShopperTrak API";
    static final String POLL = "Polling";
    static final String OUT = "Output";
    static final String RECOVERY = "Recovery and calendar";
    static final String AWS = "AWS";
    static final String KINESIS = "Kinesis";
    static final String RECORD = "Record";
    static final String MAIN = "Main job";

    private SettingGroup() {
    }
}
