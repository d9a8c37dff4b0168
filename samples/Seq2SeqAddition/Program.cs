// Seq2SeqAddition — an encoder–decoder learns integer addition from characters ("123+45" → "168"), once with attention
// and once without, on the same data and budget, and reports exact-match accuracy on held-out expressions.
//
// Usage: dotnet run -c Release --project samples/Seq2SeqAddition -- [--seed N] [--epochs N] [--quick] [--json] [tuning flags]
//   --quick  2-digit operands and a small budget (seconds); --json  print only one JSON object with the results.
using System.Globalization;
using System.Text.Json;
using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Training;
using Seq2SeqAddition;

long seed = 1;
bool quick = args.Contains("--quick"), json = false, baseline = true;
AdditionSettings settings = quick ? AdditionSettings.Quick(seed) : new AdditionSettings();
for (int i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]}: expected a value after it.");
    int NextInt() => int.Parse(Next(), CultureInfo.InvariantCulture);
    switch (args[i])
    {
        case "--seed": seed = long.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--epochs": settings = settings with { Epochs = NextInt() }; break;
        case "--train": settings = settings with { TrainingSize = NextInt() }; break;
        case "--hidden": settings = settings with { HiddenSize = NextInt() }; break;
        case "--batch": settings = settings with { BatchSize = NextInt() }; break;
        case "--lr": settings = settings with { LearningRate = float.Parse(Next(), CultureInfo.InvariantCulture) }; break;
        case "--cell": settings = settings with { Cell = Enum.Parse<RecurrentCellKind>(Next(), ignoreCase: true) }; break;
        case "--attention": settings = settings with { Attention = Enum.Parse<Seq2SeqAttentionKind>(Next(), ignoreCase: true) }; break;
        case "--input-feeding": settings = settings with { InputFeeding = true }; break;
        case "--unidirectional": settings = settings with { BidirectionalEncoder = false }; break;
        case "--no-baseline": baseline = false; break;
        case "--quick": break;
        case "--json": json = true; break;
        default:
            Console.Error.WriteLine($"unknown argument '{args[i]}'; expected --seed N, --epochs N, --quick, --json, --train N, --hidden N, " +
                                    "--batch N, --lr X, --cell Gru|Lstm|RnnTanh, --attention Bahdanau|LuongDot|LuongGeneral, --input-feeding, --unidirectional, --no-baseline");
            return 2;
    }
}
settings = settings with { Seed = seed };
var experiment = new AdditionExperiment(settings);
if (!json)
{
    var (training, test) = experiment.Data();
    Console.WriteLine($"addition of 1–{settings.MaxDigits}-digit operands: {training.Count} training and {test.Count} held-out expressions " +
                      $"(e.g. {test[0].Expression} = {test[0].Sum}); {(settings.BidirectionalEncoder ? "bidirectional " : "")}{settings.Cell} " +
                      $"H={settings.HiddenSize}, {settings.Epochs} epochs of batches of {settings.BatchSize}, Adam lr {settings.LearningRate}, seed {seed}");
}

var results = new List<AdditionResult>();
foreach (Seq2SeqAttentionKind attention in baseline ? [settings.Attention, Seq2SeqAttentionKind.None] : new[] { settings.Attention })
{
    IProgress<TrainingProgress>? progress = json ? null : new Progress<TrainingProgress>(p =>
    {
        if (p.IsEpochEnd)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  [{attention}] epoch {p.Epoch,2}  loss {p.Loss:F4}  lr {p.LearningRate:G3}  {p.SequencesPerSecond:F0} seq/s"));
        }
    });
    AdditionResult result = experiment.Run(attention, progress);
    results.Add(result);
    if (!json)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{attention,-13} exact match: greedy {result.ExactMatchGreedy:P1}, beam({settings.BeamWidth}) {result.ExactMatchBeam:P1}  " +
            $"({result.Parameters} parameters, {result.Seconds:F1} s)"));
    }
}

if (json)
{
    object Scores(AdditionResult r) => new
    {
        attention = r.Attention.ToString(),
        exact_match_greedy = r.ExactMatchGreedy,
        exact_match_beam = r.ExactMatchBeam,
        final_training_loss = r.FinalTrainingLoss,
        parameters = r.Parameters,
        seconds = r.Seconds,
    };
    Console.WriteLine(JsonSerializer.Serialize(new
    {
        seed,
        max_digits = settings.MaxDigits,
        epochs = settings.Epochs,
        beam_width = settings.BeamWidth,
        attention = Scores(results[0]),
        no_attention = baseline ? Scores(results[1]) : null,
        seconds = results.Sum(r => r.Seconds),
    }));
}
return 0;
