"""Self-check for 7.0 (public tests): run `pytest exercises/ch07/test_hessian.py` or `dlbook check 7.0`.

These check closed forms, the book's own examples and simple properties; the grader runs more,
hidden, tests.
"""
import numpy as np
import pytest

pytestmark = pytest.mark.section("7.0")


def rosen(x):
    return float(100.0 * (x[1] - x[0] ** 2) ** 2 + (1.0 - x[0]) ** 2)


def rosen_grad(x):
    return np.array([-400.0 * x[0] * (x[1] - x[0] ** 2) - 2.0 * (1.0 - x[0]), 200.0 * (x[1] - x[0] ** 2)])


def rosen_hess(x):
    return np.array([[1200.0 * x[0] ** 2 - 400.0 * x[1] + 2.0, -400.0 * x[0]], [-400.0 * x[0], 200.0]])


def test_numerical_hessian_of_a_quadratic(mod):
    A = np.array([[2.0, 1.0, 0.0], [0.5, 3.0, -1.0], [0.0, 2.0, 1.0]])  # not symmetric
    b = np.array([1.0, -2.0, 0.5])
    x = np.array([1.0, -0.5, 2.0])
    x_before = x.copy()
    H = mod.numerical_hessian(lambda v: 0.5 * v @ A @ v + b @ v, x)
    assert np.shape(H) == (3, 3)
    np.testing.assert_allclose(H, 0.5 * (A + A.T), atol=1e-6, err_msg="the Hessian of ½xᵀAx + bᵀx is (A + Aᵀ)/2")
    np.testing.assert_array_equal(H, np.transpose(H), err_msg="return the Hessian symmetrized (eq 4.7)")
    np.testing.assert_array_equal(x, x_before, err_msg="numerical_hessian must not change x")


def test_numerical_hessian_of_rosenbrock(mod):
    x = np.array([-1.2, 1.0])
    np.testing.assert_allclose(mod.numerical_hessian(rosen, x), rosen_hess(x), rtol=1e-6, atol=1e-4)


def test_second_derivative_test_on_diagonal_matrices(mod):
    cases = {(2.0, 3.0): ("positive_definite", "local_min"), (-1.0, -2.0): ("negative_definite", "local_max"),
             (2.0, -1.0): ("indefinite", "saddle"), (2.0, 0.0): ("semidefinite", "inconclusive"),
             (2.0, 0.0, -1.0): ("indefinite", "saddle")}
    for d, (kind, point) in cases.items():
        info = mod.analyze_hessian(np.diag(d))
        assert (info["kind"], info["critical_point"]) == (kind, point), f"diag{d}"
        np.testing.assert_allclose(info["eigvals"], sorted(d), err_msg=f"eigenvalues of diag{d}, ascending")
    assert mod.analyze_hessian(np.diag([2.0, 0.0]))["condition_number"] == np.inf


def test_condition_number_and_eigenvectors(mod):
    info = mod.analyze_hessian(np.array([[2.0, 0.0], [0.0, -0.5]]))
    assert info["condition_number"] == pytest.approx(4.0), "eq 4.2: max|λ| / min|λ|"
    H = np.array([[4.0, 1.0, 0.0], [1.0, 3.0, -1.0], [0.0, -1.0, 2.0]])
    info = mod.analyze_hessian(H)
    V, lam = np.asarray(info["eigvecs"]), np.asarray(info["eigvals"])
    np.testing.assert_allclose(H @ V, V * lam, atol=1e-12, err_msg="columns of eigvecs are eigenvectors")
    np.testing.assert_allclose(V.T @ V, np.eye(3), atol=1e-12)
    assert np.all(np.diff(lam) > 0), "eigenvalues in ascending order"
    assert np.all(V[np.argmax(np.abs(V), axis=0), range(3)] > 0), "each column's largest-magnitude entry is positive"


def test_optimal_step_size_quiz_example(mod):
    # f = ½xᵀHx with H = diag(1, 100) at x = (1, 1): g = Hx = (1, 100).
    H = np.diag([1.0, 100.0])
    g = H @ np.array([1.0, 1.0])
    eps, decrease = mod.optimal_step_size(g, H)
    assert eps == pytest.approx(10001 / 1000001, rel=1e-12), "eq 4.10"
    assert decrease == pytest.approx(0.5 * 10001 ** 2 / 1000001, rel=1e-12), "eq 4.9 at eps*"
    # For a quadratic the Taylor model is exact: eps* is the exact line search.
    f = lambda x: 0.5 * x @ H @ x  # noqa: E731
    x = np.array([1.0, 1.0])
    assert f(x) - f(x - eps * g) == pytest.approx(decrease, rel=1e-10)
    assert f(x - eps * g) < min(f(x - 0.99 * eps * g), f(x - 1.01 * eps * g))


def test_optimal_step_size_edge_cases(mod):
    assert tuple(mod.optimal_step_size(np.zeros(2), np.diag([1.0, -1.0]))) == (0.0, 0.0)
    assert tuple(mod.optimal_step_size(np.array([1.0, 1.0]), np.diag([1.0, -1.0]))) == (np.inf, np.inf)
    assert tuple(mod.optimal_step_size(np.array([0.0, 1.0]), np.diag([1.0, -1.0]))) == (np.inf, np.inf)


def test_hessian_vector_product(mod):
    A = np.array([[2.0, 1.0], [0.5, 3.0]])
    x, v = np.array([0.3, -1.0]), np.array([2.0, 0.5])
    np.testing.assert_allclose(mod.hessian_vector_product(lambda z: 0.5 * (A + A.T) @ z, x, v),
                               0.5 * (A + A.T) @ v, rtol=1e-9, err_msg="exact for a quadratic")
    x = np.array([-1.2, 1.0])
    np.testing.assert_allclose(mod.hessian_vector_product(rosen_grad, x, v), rosen_hess(x) @ v, rtol=1e-7)
