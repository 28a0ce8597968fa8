package org.locationvisits.cli;

import java.util.concurrent.Callable;

import org.locationvisits.config.SettingsTable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code settings [--markdown]}: the table of every setting; the README's configuration tables are its markdown. */
@Command(name = "settings", description = "print the table of every setting (--markdown: as the README shows it)")
final class SettingsCommand implements Callable<Integer> {
    @Mixin
    private HelpOption help;
    @Option(names = "--markdown", description = "print the table as markdown, as in the README")
    boolean markdown;
    private final Context context;

    SettingsCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        String table = markdown ? SettingsTable.markdown() : SettingsTable.text();
        context.out().print(table.isEmpty() || table.endsWith("\n") ? table : table + "\n");
        context.out().flush();
        return 0;
    }
}
