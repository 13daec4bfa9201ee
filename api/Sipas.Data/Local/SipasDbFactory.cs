using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Sipas.Data.Local;

/// <summary>Lets <c>dotnet ef</c> build the model without a running host.</summary>
public sealed class SipasDbDesignTimeFactory : IDesignTimeDbContextFactory<SipasDb>
{
    public SipasDb CreateDbContext(string[] args) =>
        new(SipasDbSetup.Configure(new DbContextOptionsBuilder<SipasDb>(),
            DatabaseUrl.FromEnvironment() ?? "Host=127.0.0.1;Database=sipas_design").Options);
}
