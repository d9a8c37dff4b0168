using MLNet.Recurrent;
using MLNet.Recurrent.ModelRoundTrip;

// Usage: MLNet.Recurrent.ModelRoundTrip <model.zip>
// Loads the model in this fresh process and prints the input schema it was saved with, then one line of exact
// predictions per row of SampleModel.Input (IEEE-754 bits in hex). Exit code 2 on a usage error.
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: MLNet.Recurrent.ModelRoundTrip <model.zip>");
    return 2;
}

using var kinds = TestModelKinds.Register();
var model = new MLContext(seed: 1).Model.Load(args[0], out var inputSchema);
Console.WriteLine($"schema: {inputSchema}");
foreach (string line in SampleModel.Predict(model))
{
    Console.WriteLine(line);
}

return 0;
