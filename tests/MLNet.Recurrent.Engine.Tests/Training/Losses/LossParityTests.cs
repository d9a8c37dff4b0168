using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Tests.Testing;
using MLNet.Recurrent.Engine.Training;

namespace MLNet.Recurrent.Engine.Tests.Training.Losses;

/// <summary>
/// Every loss against PyTorch 1.13 on every case of the <c>losses</c> fixture set
/// (tools/fixtures/generate_losses_fixtures.py; all option combinations, several shapes): the loss value and the
/// gradients of input (and of target, for the float-target losses) for a random upstream gradient (Reduction.None)
/// or 1 (Mean, Sum). Tolerance per tensor: ‖ours − torch‖∞ ≤ 1e-5·‖torch‖∞ + 1e-6; NaN (a mean over no
/// non-ignored targets) must be matched by NaN. Measured worst ‖ours − torch‖∞ / ‖torch‖∞:
/// 1.5e-6 (seed 1: a two-class case whose gradient cancels to 0.016, error 2.4e-8 absolute), 3.4e-7 (seed 2).
/// </summary>
public class LossParityTests
{
    private const string Area = "losses";

    public static IEnumerable<object[]> Cases() => ParityFixtures.Cases(Area);

    [Theory]
    [MemberData(nameof(Cases))]
    public void LossAndGradients_MatchPyTorch(string name)
    {
        ParityFixtures fixture = ParityFixtures.Load(Area, name, "mlnet-losses-fixture/1");
        Reduction reduction = fixture.Text("reduction") switch
        {
            "none" => Reduction.None,
            "mean" => Reduction.Mean,
            "sum" => Reduction.Sum,
            string other => throw new InvalidDataException($"{name}: unknown reduction '{other}'."),
        };
        Tensor input = fixture.Leaf("input");
        Tensor? target = null;
        Tensor? weight = fixture.OptionalTensor("weight");
        Tensor loss;
        switch (fixture.Text("loss"))
        {
            case "cross_entropy":
                Tensor classes = fixture.Tensor("target");
                int[] indices = Array.ConvertAll(classes.ToArray(), v => (int)v);
                var crossEntropy = new CrossEntropyLoss(weight, fixture.Int("ignore_index"), reduction, fixture.Float("label_smoothing"));
                loss = crossEntropy.Forward(input, indices, classes.Shape.ToArray());
                break;
            case "bce_with_logits":
                target = fixture.Leaf("target");
                loss = new BinaryCrossEntropyWithLogitsLoss(weight, reduction, fixture.OptionalTensor("pos_weight")).Forward(input, target);
                break;
            case "mse":
                target = fixture.Leaf("target");
                loss = new MseLoss(reduction).Forward(input, target);
                break;
            case "l1":
                target = fixture.Leaf("target");
                loss = new L1Loss(reduction).Forward(input, target);
                break;
            case "huber":
                target = fixture.Leaf("target");
                loss = new HuberLoss(reduction, fixture.Float("delta")).Forward(input, target);
                break;
            default:
                throw new InvalidDataException($"{name}: unknown loss '{fixture.Text("loss")}'.");
        }

        ParityFixtures.AssertClose("loss", fixture.Tensor("expected.loss"), loss);
        loss.Backward(fixture.Tensor("grad_output"));
        ParityFixtures.AssertClose("grad input", fixture.Tensor("expected.grad.input"), input.Grad);
        if (target is not null)
        {
            ParityFixtures.AssertClose("grad target", fixture.Tensor("expected.grad.target"), target.Grad);
        }
    }
}
