package org.locationvisits.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code java -jar location-visits-poller.jar [command]}. With no command it is the main job. Every command is
 * parsed by picocli: typed options, {@code --help} on each, {@code help [command]}, and the exit statuses of
 * {@link Failures}.
 */
@Command(name = "java -jar location-visits-poller.jar", synopsisSubcommandLabel = "[command]",
        description = "With no command: the main job: poll ShopperTrak, deliver to Kinesis, store the offset in S3.",
        footer = "%nConfiguration comes from the environment and connector-config/$ENVIRONMENT.yaml (see README).")
public final class Main implements Callable<Integer> {
    @Mixin
    private HelpOption help;
    @Mixin
    private ConfigOption config;
    private final Context context;

    private Main(Context context) {
        this.context = context;
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        return run(Context.system(), args);
    }

    /** Runs one command line; returns its exit status. */
    public static int run(Context context, String... args) {
        CommandLine cli = commandLine(context);
        try {
            return cli.execute(args);
        } finally {
            cli.getOut().flush();
            cli.getErr().flush();
        }
    }

    static CommandLine commandLine(Context context) {
        CommandLine cli = new CommandLine(new Main(context))
                .addSubcommand(new FetchCommand(context))
                .addSubcommand(new ReplayCommand(context))
                .addSubcommand(new OffsetsCommand(context))
                .addSubcommand(new SimulatorCommand(context))
                .addSubcommand(new ReportCommand(context))
                .addSubcommand(new DemoCommand(context))
                .addSubcommand(new SettingsCommand(context))
                .addSubcommand(new CheckCommand(context))
                .addSubcommand(new PlanCommand(context))
                .addSubcommand(new CommandLine.HelpCommand());
        // Each setter reaches every command added above.
        cli.setOut(new PrintWriter(context.out(), true));
        cli.setErr(new PrintWriter(context.err(), true));
        cli.setSeparator(" ");
        cli.setUsageHelpWidth(110);
        cli.registerConverter(LocalDate.class, new IsoDate());
        cli.setParameterExceptionHandler(Failures::usage);
        cli.setExecutionExceptionHandler(Failures::whileRunning);
        // The list of commands shows a header when there is one: picocli's help command has one, in its own words.
        cli.getSubcommands().get("help").getCommandSpec().usageMessage()
                .header("the commands, or one command's options (also: command --help)");
        layout(cli);
        return cli;
    }

    /** The usage texts as the hand-written one was: "usage:" and the options in the order declared. */
    private static void layout(CommandLine command) {
        command.getCommandSpec().usageMessage().synopsisHeading("usage: ").sortOptions(false).sortSynopsis(false)
                .commandListHeading("%nCommands:%n");
        command.getSubcommands().values().forEach(Main::layout);
    }

    @Override
    public Integer call() {
        return RunCommand.run(context, config.path);
    }

    /** {@code run}: the main job by name, as the hand-written parser took it; not listed. */
    @Command(name = "run", hidden = true, description = "the main job, as with no command")
    int runByName(@Mixin HelpOption help, @Mixin ConfigOption config) {
        return RunCommand.run(context, config.path);
    }
}
