using System.Text;

namespace Sipas.Api.Citizens;

/// <summary>What a citizen keeps after submitting: a short receipt number derived from the response id.</summary>
public record ResponseReceipt(Guid Id, string Receipt, DateTimeOffset ReceivedAt)
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // Crockford base32: no I, L, O, U

    public static ResponseReceipt For(Guid id, DateTimeOffset receivedAt) => new(id, Number(id), receivedAt);

    /// <summary>Ten base32 characters (50 bits of the id) as <c>XXXXX-XXXXX</c>, easy to read out on the phone.</summary>
    public static string Number(Guid id)
    {
        var bytes = id.ToByteArray(bigEndian: true);
        var bits = 0UL;
        for (var i = 0; i < 7; i++) bits = bits << 8 | bytes[i];
        bits >>= 6;
        var text = new StringBuilder(11);
        for (var i = 9; i >= 0; i--)
        {
            text.Append(Alphabet[(int)(bits >> (5 * i) & 31)]);
            if (i == 5) text.Append('-');
        }
        return text.ToString();
    }
}
