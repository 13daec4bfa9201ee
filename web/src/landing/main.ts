import '../shared/base.css';
import './landing.css';
import { startLanding } from './landing';

startLanding();
