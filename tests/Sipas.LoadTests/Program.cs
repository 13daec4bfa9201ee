using Sipas.LoadTests;

// ./sipas bench ingest | page | dashboard, ./sipas fuzz, ./sipas fault — each prints its figures and closes with the line the issue names.
return args.FirstOrDefault() switch
{
    "ingest" => await IngestBench.RunAsync(args[1..]),
    "page" => await PageBench.RunAsync(args[1..]),
    "dashboard" => await DashboardBench.RunAsync(args[1..]),
    "entry" => await EntryBench.RunAsync(args[1..]),
    "fuzz" => await FuzzRun.RunAsync(args[1..]),
    "fault" => await FaultRun.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Sipas.LoadTests ingest [--seconds N] [--clients N] | page | dashboard [--responses N] [--seconds N] [--clients N] " +
                            "| fuzz [--minutes N] | fault [api|database] [--seconds N] [--clients N]");
    return 2;
}
