package org.locationvisits.config;

/**
 * What a command needs of the configuration, so e.g. {@code offsets show} never asks for ShopperTrak secrets.
 * Which command needs which variable is a column of the settings table ({@link Setting#usedBy()}).
 */
public enum Purpose {
    /** The main job: everything. */
    RUN("run"),
    /** {@code fetch}: ShopperTrak only; S3 and Kinesis are not used. */
    FETCH("fetch"),
    /** {@code offsets}: the S3 state only. */
    OFFSETS("offsets"),
    /** {@code replay}: the data lake, the schema, the calendar and Kinesis; never ShopperTrak nor the S3 state. */
    REPLAY("replay"),
    /** {@code replay --dry-run}: as {@link #REPLAY}, without Kinesis. */
    REPLAY_DRY_RUN("replay --dry-run"),
    /** {@code report}: the data-lake archive, and the calendar and all-sites list when set; never ShopperTrak. */
    REPORT("report"),
    /**
     * {@code plan}: the S3 state, the warehouse or the task's memory, the calendar and the all-sites list; never
     * ShopperTrak (no credentials), never Kinesis.
     */
    PLAN("plan");

    private final String command;

    Purpose(String command) {
        this.command = command;
    }

    /** The command line that has this purpose. */
    public String command() {
        return command;
    }

    /** Variables this purpose never reads are not required, and not decrypted. */
    boolean uses(String variable) {
        return SettingIndex.byEnv(variable).map(setting -> setting.spec().usedBy().contains(this)).orElse(true);
    }

    boolean uses(Setting setting) {
        return setting.spec().usedBy().contains(this);
    }
}
