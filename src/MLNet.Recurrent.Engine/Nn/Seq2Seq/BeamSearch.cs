using MLNet.Recurrent.Engine.Autograd;
using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Nn;

/// <summary>
/// Beam search over all sources at once: the decoder batch holds the live hypotheses of every source still searching
/// (at most K per source), reordered after every step with <see cref="Seq2SeqDecoderState.SelectRows"/>.
/// </summary>
/// <remarks>
/// <para>Step t, for each source: every live hypothesis (log-probability L) is extended by every token v, scoring
/// L + log p(v). The extensions are ranked by that score (ties: earlier hypothesis, then smaller token id); walking down
/// the ranking, an extension ending in EOS becomes a finished hypothesis, any other a live one, until K live ones are
/// chosen — EOS extensions ranked below the K-th live one are dropped. Only each hypothesis' K best non-EOS tokens and
/// its EOS can be chosen, so only those are ranked. At the maximum length the live hypotheses end unfinished.</para>
/// <para>Finished and unfinished hypotheses are ranked by score = L / lp(|Y|), lp(|Y|) = ((5 + |Y|)/6)^α (GNMT; 1 for
/// α = 0), |Y| counting the EOS. A source stops early once it has <c>count</c> hypotheses whose worst score is at least
/// the best its live ones could still reach, L_best / lp(maxLength) — extensions only lower L (log-probabilities are
/// ≤ 0) and α ≥ 0 — so stopping never changes the result.</para>
/// </remarks>
internal static class BeamSearch
{
    private sealed record Live(DecodedPath Path, double LogProbability, int Row);

    private sealed record Candidate(int Beam, int Token, double LogProbability);

    private sealed record Done(DecodedPath Path, bool Finished, double LogProbability, double Score);

    /// <summary>Searches for every source of <paramref name="encoded"/>; arguments are validated by the caller.</summary>
    public static IReadOnlyList<IReadOnlyList<Seq2SeqHypothesis>> Run(Seq2SeqDecoder decoder, Seq2SeqEncoderOutput encoded, int bos, int eos,
        int beamWidth, int maxLength, int count, double lengthPenalty)
    {
        using var noGrad = GradMode.NoGrad();
        int batch = encoded.SourceLengths.Length, sourceLength = encoded.Outputs.Size(1);
        double Penalty(int steps) => lengthPenalty == 0 ? 1 : Math.Pow((5.0 + steps) / 6.0, lengthPenalty);
        double bestReachableDivisor = Penalty(maxLength);

        var done = new List<Done>[batch];
        var live = new List<Live>[batch];
        for (int n = 0; n < batch; n++)
        {
            done[n] = [];
            live[n] = [];
        }
        // The first step: one row per source, all starting from BOS.
        int[] rowSource = [.. Enumerable.Range(0, batch)];
        int[] rowToken = [.. Enumerable.Repeat(bos, batch)];
        var rowPath = new DecodedPath?[batch];
        var rowLogProbability = new double[batch];
        Seq2SeqDecoderState state = decoder.InitialState(encoded);

        for (int t = 1; t <= maxLength && rowSource.Length > 0; t++)
        {
            Tensor keys = rowSource.Length == batch && t == 1 ? encoded.Outputs : encoded.Outputs.IndexSelect(0, rowSource);
            int[] lengths = [.. rowSource.Select(n => encoded.SourceLengths[n])];
            (DecodingStep step, Seq2SeqDecoderState next) = DecodingStep.Run(decoder, rowToken, state, keys, lengths);

            int row = 0;
            for (int n = 0; n < batch; n++)
            {
                int rows = 0;
                while (row + rows < rowSource.Length && rowSource[row + rows] == n)
                {
                    rows++;
                }
                if (rows == 0)
                {
                    continue;
                }
                live[n] = Extend(step, row, rows, rowPath, rowLogProbability, beamWidth, eos, t, Penalty, done[n]);
                if (t == maxLength)
                {
                    done[n].AddRange(live[n].Select(h => new Done(h.Path, false, h.LogProbability, h.LogProbability / Penalty(t))));
                    live[n].Clear();
                }
                else if (CanStop(done[n], live[n], count, bestReachableDivisor))
                {
                    live[n].Clear();
                }
                row += rows;
            }

            var parents = new List<int>();
            var sources = new List<int>();
            var tokens = new List<int>();
            var paths = new List<DecodedPath?>();
            var logProbabilities = new List<double>();
            for (int n = 0; n < batch; n++)
            {
                foreach (Live hypothesis in live[n])
                {
                    parents.Add(hypothesis.Row);
                    sources.Add(n);
                    tokens.Add(hypothesis.Path.Token);
                    paths.Add(hypothesis.Path);
                    logProbabilities.Add(hypothesis.LogProbability);
                }
            }
            if (parents.Count == 0)
            {
                break;
            }
            state = next.SelectRows([.. parents]);
            rowSource = [.. sources];
            rowToken = [.. tokens];
            rowPath = [.. paths];
            rowLogProbability = [.. logProbabilities];
        }

        return [.. done.Select(list => (IReadOnlyList<Seq2SeqHypothesis>)[.. list
            .OrderByDescending(d => d.Score)
            .Take(count)
            .Select(d => DecodedPath.ToHypothesis(d.Path, d.Finished, d.LogProbability, d.Score, sourceLength))])];
    }

    /// <summary>Ranks the extensions of one source's live rows [first, first + rows), moves EOS extensions to <paramref name="done"/> and returns the next live hypotheses.</summary>
    private static List<Live> Extend(DecodingStep step, int first, int rows, DecodedPath?[] rowPath, double[] rowLogProbability,
        int beamWidth, int eos, int t, Func<int, double> penalty, List<Done> done)
    {
        var candidates = new List<Candidate>(rows * (beamWidth + 1));
        for (int beam = 0; beam < rows; beam++)
        {
            int row = first + beam;
            ReadOnlySpan<float> logp = step.Row(row);
            foreach (int token in TopTokens(logp, beamWidth, eos))
            {
                candidates.Add(new Candidate(beam, token, rowLogProbability[row] + logp[token]));
            }
        }
        // Stable sort: equal scores keep (beam, token) order.
        var ranked = candidates.OrderByDescending(c => c.LogProbability);
        var next = new List<Live>(beamWidth);
        foreach (Candidate candidate in ranked)
        {
            int row = first + candidate.Beam;
            var path = new DecodedPath(rowPath[row], candidate.Token, step.AttentionRow(row));
            if (candidate.Token == eos)
            {
                done.Add(new Done(path, true, candidate.LogProbability, candidate.LogProbability / penalty(t)));
                continue;
            }
            next.Add(new Live(path, candidate.LogProbability, row));
            if (next.Count == beamWidth)
            {
                break;
            }
        }
        return next;
    }

    /// <summary>EOS and the (at most) <paramref name="k"/> most probable other tokens (ties to the smaller id), in id order.</summary>
    private static int[] TopTokens(ReadOnlySpan<float> logp, int k, int eos)
    {
        var best = new List<int>(k + 1);
        for (int v = 0; v < logp.Length; v++)
        {
            if (v == eos)
            {
                continue;
            }
            if (best.Count == k && logp[v] <= logp[best[^1]])
            {
                continue;
            }
            int at = best.Count;
            while (at > 0 && logp[v] > logp[best[at - 1]])
            {
                at--;
            }
            best.Insert(at, v);
            if (best.Count > k)
            {
                best.RemoveAt(k);
            }
        }
        best.Add(eos);
        best.Sort();
        return [.. best];
    }

    /// <summary>Whether no live hypothesis can still enter the top <paramref name="count"/>.</summary>
    private static bool CanStop(List<Done> done, List<Live> live, int count, double bestReachableDivisor)
    {
        if (live.Count == 0)
        {
            return true;
        }
        if (done.Count < count)
        {
            return false;
        }
        double kth = done.Select(d => d.Score).OrderDescending().ElementAt(count - 1);
        double bound = live.Max(h => h.LogProbability) / bestReachableDivisor;
        return kth >= bound;
    }
}
