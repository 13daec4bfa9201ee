namespace Sipas.Analytics;

/// <summary>Outcome rates of fieldwork contact attempts (dispositions).</summary>
public static class ResponseRate
{
    /// <summary>
    /// Response rate of interview attempts: completed / (completed + refused + non-contact). Ineligible cases
    /// (outside the survey population) are left out of the denominator; every non-contact counts as eligible, which
    /// makes the rate conservative. Null when no eligible case was attempted.
    /// </summary>
    /// <remarks>
    /// AAPOR Standard Definitions (10th ed., 2023), Response Rate 1, RR1 = I / ((I + P) + (R + NC + O) + (UH + UO)),
    /// with no partial interviews (P = 0), no "other" (O = 0) and no unknown-eligibility cases (UH = UO = 0: a
    /// surveyor records a non-contact only at an address known to hold an eligible person).
    /// </remarks>
    public static double? Rr1(int completed, int refused, int nonContact)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(completed);
        ArgumentOutOfRangeException.ThrowIfNegative(refused);
        ArgumentOutOfRangeException.ThrowIfNegative(nonContact);
        var eligible = completed + refused + nonContact;
        return eligible == 0 ? null : (double)completed / eligible;
    }
}
