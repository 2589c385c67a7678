"""Writes the two small TorchScript test models beside this script (python3-torch 1.13.1):

transformer_net.pt  a TransformerNet of widths 4-8-8 with one residual block, random weights;
negated_net.pt      the same parameters (names, shapes, values) with its output negated: a
                    model that has TransformerNet's state_dict but computes something else.
"""
import os
import torch
from torch import nn


class Conv(nn.Module):
    def __init__(self, inputs, outputs, kernel, stride=1):
        super().__init__()
        self.pad = nn.ReflectionPad2d(kernel // 2)
        self.conv2d = nn.Conv2d(inputs, outputs, kernel, stride)

    def forward(self, x):
        return self.conv2d(self.pad(x))


class Residual(nn.Module):
    def __init__(self, width):
        super().__init__()
        self.conv1 = Conv(width, width, 3)
        self.in1 = nn.InstanceNorm2d(width, affine=True)
        self.conv2 = Conv(width, width, 3)
        self.in2 = nn.InstanceNorm2d(width, affine=True)

    def forward(self, x):
        return x + self.in2(self.conv2(torch.relu(self.in1(self.conv1(x)))))


class Net(nn.Module):
    def __init__(self, negate):
        super().__init__()
        self.negate = negate
        self.conv1, self.in1 = Conv(3, 4, 9), nn.InstanceNorm2d(4, affine=True)
        self.conv2, self.in2 = Conv(4, 8, 3, 2), nn.InstanceNorm2d(8, affine=True)
        self.conv3, self.in3 = Conv(8, 8, 3, 2), nn.InstanceNorm2d(8, affine=True)
        self.res1 = Residual(8)
        self.deconv1, self.in4 = Conv(8, 8, 3), nn.InstanceNorm2d(8, affine=True)
        self.deconv2, self.in5 = Conv(8, 4, 3), nn.InstanceNorm2d(4, affine=True)
        self.deconv3 = Conv(4, 3, 9)

    def forward(self, x):
        y = torch.relu(self.in1(self.conv1(x)))
        y = torch.relu(self.in2(self.conv2(y)))
        y = torch.relu(self.in3(self.conv3(y)))
        y = self.res1(y)
        y = torch.relu(self.in4(self.deconv1(nn.functional.interpolate(y, scale_factor=2.0))))
        y = torch.relu(self.in5(self.deconv2(nn.functional.interpolate(y, scale_factor=2.0))))
        y = self.deconv3(y)
        return -y if self.negate else y


torch.manual_seed(3)
net = Net(False)
with torch.no_grad():  # outputs spread over 0..255, so negating them changes every pixel
    net.deconv3.conv2d.weight.mul_(30)
    net.deconv3.conv2d.bias.fill_(128)
negated = Net(True)
negated.load_state_dict(net.state_dict())
here = os.path.dirname(os.path.abspath(__file__))
torch.jit.script(net.eval()).save(os.path.join(here, "transformer_net.pt"))
torch.jit.script(negated.eval()).save(os.path.join(here, "negated_net.pt"))
