using MLNet.Recurrent.Engine.Autograd;
using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Training;

namespace MLNet.Recurrent.Samples.AddingProblem;

/// <summary>The adding problem as a <see cref="Trainer"/> task: mean squared error of a <see cref="LastStateRegressor"/>'s prediction.</summary>
/// <param name="model">The model (input size 2: value, marker).</param>
public sealed class AddingTask(LastStateRegressor model) : ISupervisedTask<AddingExample>
{
    private static readonly MseLoss Mse = new();

    /// <inheritdoc/>
    public Module Model => model;

    /// <summary>The model, typed.</summary>
    public LastStateRegressor Regressor => model;

    /// <inheritdoc/>
    public int Length(AddingExample example) => example.Length;

    /// <summary>The mean squared error over the batch.</summary>
    /// <param name="batch">Examples of one length.</param>
    /// <returns>A one-element tensor.</returns>
    /// <exception cref="ArgumentException">The batch is empty or its examples differ in length.</exception>
    public Tensor Loss(IReadOnlyList<AddingExample> batch)
    {
        var (input, target) = AddingExample.Collate(batch);
        return Mse.Forward(model.Forward(input), target);
    }

    /// <summary>Metric "loss": the batch's mean squared error.</summary>
    /// <param name="batch">Examples of one length.</param>
    /// <returns>{"loss": MSE}.</returns>
    /// <exception cref="ArgumentException">The batch is empty or its examples differ in length.</exception>
    public IReadOnlyDictionary<string, double> Evaluate(IReadOnlyList<AddingExample> batch)
        => new Dictionary<string, double> { ["loss"] = Loss(batch).ToScalar() };

    /// <summary>The mean squared error over a whole set, in evaluation mode without recording, in batches.</summary>
    /// <param name="examples">Examples of one length.</param>
    /// <param name="batchSize">Examples per forward pass. Default 500.</param>
    /// <returns>The MSE averaged over all examples.</returns>
    /// <exception cref="ArgumentException">The set is empty or its examples differ in length.</exception>
    public double MeanSquaredError(IReadOnlyList<AddingExample> examples, int batchSize = 500)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (examples.Count == 0)
        {
            throw new ArgumentException("examples: expected at least one example, got none.", nameof(examples));
        }
        bool training = model.IsTraining;
        model.Eval();
        double sum = 0;
        using (GradMode.NoGrad())
        {
            for (int start = 0; start < examples.Count; start += batchSize)
            {
                var batch = new AddingExample[Math.Min(batchSize, examples.Count - start)];
                for (int i = 0; i < batch.Length; i++)
                {
                    batch[i] = examples[start + i];
                }
                sum += Loss(batch).ToScalar() * batch.Length;
            }
        }
        model.Train(training);
        return sum / examples.Count;
    }
}
