// Upstream adds a variant to a tagged union (`Shape` gains `triangle`): the generated enum is
// `#[non_exhaustive]`, so the downstream `match` has a wildcard arm and compiles against v2.
include!("../evolution/on_v1_and_v2.rs");

on_v1_and_v2! {
    use api::types::{Circle, Shape, Square};

    pub fn area(shape: &Shape) -> Option<f64> {
        match shape {
            Shape::Circle(c) => Some(std::f64::consts::PI * c.radius * c.radius),
            Shape::Square(s) => Some(s.side * s.side),
            _ => None,
        }
    }

    pub fn area_of(json: &str) -> Option<f64> {
        area(&serde_json::from_str(json).unwrap())
    }

    pub fn unit_square() -> Shape {
        Shape::Square(Square::builder().side(1.0).build())
    }

    pub fn circle(radius: f64) -> Shape {
        Shape::Circle(Circle::builder().radius(radius).build())
    }
}

fn main() {
    for area_of in [v1::area_of, v2::area_of] {
        assert_eq!(area_of(r#"{"type": "square", "side": 2.0}"#), Some(4.0));
        // v1 keeps it as `Unknown`, v2 reads a `Triangle`: the wildcard arm either way.
        assert_eq!(
            area_of(r#"{"type": "triangle", "base": 2.0, "height": 1.0}"#),
            None
        );
    }
    assert_eq!(v1::area(&v1::unit_square()), Some(1.0));
    assert_eq!(v2::area(&v2::unit_square()), Some(1.0));
    assert!(v1::area(&v1::circle(1.0)).unwrap() > 3.0);
}
