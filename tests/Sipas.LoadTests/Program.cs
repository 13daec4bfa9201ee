using Sipas.LoadTests;

// ./sipas bench ingest | page | dashboard — each prints its figures and closes with the line the issue names.
return args.FirstOrDefault() switch
{
    "ingest" => await IngestBench.RunAsync(args[1..]),
    "page" => await PageBench.RunAsync(args[1..]),
    "dashboard" => await DashboardBench.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Sipas.LoadTests ingest [--seconds N] [--clients N] | page | dashboard [--responses N] [--seconds N] [--clients N]");
    return 2;
}
