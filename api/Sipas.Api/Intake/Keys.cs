using System.Security.Cryptography;
using System.Text;

namespace Sipas.Api.Intake;

/// <summary>
/// The installation's secret (<c>Sipas:DossierHashKey</c>, at least 16 characters, never committed) and the keys
/// derived from it for each purpose, so that one leaked derived key does not give away another: dossier codes,
/// content hashes, device credentials, invitation links, client addresses in rate counters.
/// </summary>
public sealed class InstallationKeys(IConfiguration configuration)
{
    private readonly byte[] secret = Encoding.UTF8.GetBytes(configuration["Sipas:DossierHashKey"] is { Length: >= 16 } configured
        ? configured
        : throw new InvalidOperationException("Sipas:DossierHashKey (at least 16 characters) must be configured."));

    /// <summary>The dossier key is the secret itself (hashes stored before the derivation stay comparable).</summary>
    public byte[] Dossier => secret;

    public byte[] For(string purpose) => HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes("sipas/" + purpose));
}

/// <summary>
/// Dossier codes are personal data: only a keyed hash (HMAC-SHA256 with the installation secret) is stored,
/// enough to find two ratings of one dossier and useless to anyone without the key.
/// </summary>
public sealed class DossierHasher(InstallationKeys keys)
{
    private readonly KeyedHash hmac = new(keys.Dossier);

    public byte[]? Hash(string? dossierCode) =>
        dossierCode is null ? null : hmac.Compute(Encoding.UTF8.GetBytes(dossierCode.ToUpperInvariant()));
}

/// <summary>
/// The content hash of a response (a retry with the same id must carry the same content, or it is a conflict),
/// keyed with the installation secret: a copied row (a backup, a replica) does not let anyone recover a dossier code
/// or a comment by trying candidates.
/// </summary>
public sealed class ContentHasher(InstallationKeys keys)
{
    private readonly KeyedHash hmac = new(keys.For("content"));

    /// <summary>HMAC-SHA256 over the parts joined by newlines; the first part names the door.</summary>
    public byte[] Hash(params IEnumerable<string?> parts) =>
        hmac.Compute(Encoding.UTF8.GetBytes(string.Join('\n', parts.Select(p => p ?? ""))));
}
