using System.Diagnostics;
using Sipas.Testing;

namespace Sipas.Api.Tests.Security;

/// <summary><c>./sipas secrets</c> (deploy/secrets-scan.py): nothing in the tracked files, and it does find what it looks for.</summary>
public class SecretsScanTests
{
    private static (int Exit, string Output) Scan(string root)
    {
        var info = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(RepositoryData.RepositoryRoot, "deploy", "secrets-scan.py"));
        info.ArgumentList.Add(root);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }

    private static void Git(string folder, params string[] args)
    {
        var info = new ProcessStartInfo("git") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }

    [Fact]
    public void TrackedFiles_HoldNoSecrets()
    {
        var (exit, output) = Scan(RepositoryData.RepositoryRoot);

        Assert.True(exit == 0, output);
        Assert.Contains(" 0 finding(s)", output);
    }

    [Fact]
    public void PlantedSecrets_AreFound_AndPlaceholdersAreNot()
    {
        var folder = Directory.CreateTempSubdirectory("sipas-secrets-").FullName;
        try
        {
            File.WriteAllLines(Path.Combine(folder, "leak.txt"),
            [
                "-----BEGIN RSA PRIVATE KEY-----", // secrets-scan: allow (planted)
                "aws = AKIAIOSFODNN7REALKEY", // secrets-scan: allow (planted)
                "url: postgres://sipas:Tr0ub4dor-horse-42@db.internal:5432/sipas", // secrets-scan: allow (planted)
                "Host=db;Username=sipas;Password=Sup3rS3cretValue;Database=sipas", // secrets-scan: allow (planted)
                "\"dossierHashKey\": \"q8Z3mK1vX9pL2wR7tY4uN6bC0dF5gH8j\"", // secrets-scan: allow (planted)
                "token=ghp_" + new string('a', 36),
            ]);
            File.WriteAllLines(Path.Combine(folder, "fine.txt"),
            [
                "POSTGRES_PASSWORD=change-me-to-a-long-random-password",
                "url: postgres://${POSTGRES_USER}:${POSTGRES_PASSWORD}@db:5432/sipas",
                "const string password = \"test-password-123\";",
                "kubectl create secret generic x --from-literal=uri='postgres://sipas:PASSWORD@HOST:5432/sipas'",
            ]);
            Git(folder, "init", "-q");
            Git(folder, "add", ".");

            var (exit, output) = Scan(folder);

            Assert.Equal(1, exit);
            foreach (var kind in new[] { "private key", "AWS access key", "password in a URL", "password in a connection string", "secret-like assignment", "GitHub token" })
                Assert.Contains($": {kind}", output);
            Assert.DoesNotContain("fine.txt", output);
            Assert.Contains(" 6 finding(s)", output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
